// Layers (registered with tfjs serialisation on import)
export { MultiHeadSelfAttention, type MultiHeadSelfAttentionArgs } from './MultiHeadSelfAttention';
export { TransformerEncoder, type TransformerEncoderArgs } from './TransformerEncoder';
export { TokenEmbedding, type TokenEmbeddingArgs } from './TokenEmbedding';
export { SequencePooling, type SequencePoolingArgs } from './SequencePooling';
export { isAttentionLayer, type AttentionLayer, type AttentionLayerCall } from './AttentionLayer';
export { selfAttention, type SelfAttentionWeights, type SelfAttentionCall } from './selfAttention';
export { layerNorm, rowSoftmax, addBias } from './fastOps';
// Adapter
export { attentionModel, type AttentionModelOptions } from './attentionModel';
export { adaptAttentionModel } from './adaptAttentionModel';
// Explainers
export { rawAttention, type RawAttentionOptions, type AttentionMapData } from './rawAttention';
export { attentionRollout, type AttentionRolloutOptions } from './attentionRollout';
export { attentionFlow, type AttentionFlowOptions, type AttentionFlowData } from './attentionFlow';
export { attentionGradRollout, type AttentionGradRolloutOptions } from './attentionGradRollout';
export { tokenIntegratedGradients, type TokenIntegratedGradientsOptions } from './tokenIntegratedGradients';
// Algorithms on plain arrays
export { rolloutMatrix, withResidual, discardWeakest, type RolloutOptions } from './rolloutMatrix';
export { flowScores, type FlowOptions } from './flowScores';
export { FlowNetwork } from './FlowNetwork';
export { gradRolloutMatrix, type LayerAttentionGradient, type GradRolloutOptions } from './gradRolloutMatrix';
export { fuseMatrices, fuseHeads, FUSIONS, type Fusion } from './fuseMatrices';
export { parseIndexSelection, resolveSelection, type IndexSelection } from './indexSelection';
export { attentionTokenScores, topTokens } from './attentionTokenScores';
export { checkTokenLabels } from './tokenInputs';
export { createTinyTransformer, type TinyTransformerOptions } from './createTinyTransformer';
