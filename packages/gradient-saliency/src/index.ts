export { saliency, type SaliencyOptions } from './saliency';
export { inputXGradient } from './inputXGradient';
export { smoothGrad, smoothGradSquared, varGrad, type SmoothGradOptions } from './smoothGrad';
export { gradCam, type GradCamOptions } from './gradCam';
export { resolveCamLayer } from './resolveCamLayer';
export { chunkedGradients, type ChunkedGradientsRequest } from './chunkedGradients';
export { guidedBackprop, deconvolution } from './guidedBackprop';
export { guidedGradCam, type GuidedGradCamOptions } from './guidedGradCam';
export { guidedReluRules, deconvolutionReluRules } from './reluRules';
