export { integratedGradients, type IntegratedGradientsOptions } from './integratedGradients';
export { integrate, type IntegrateRequest, type IntegrateResult } from './integrate';
export { integrationPoints, INTEGRATION_RULES, type IntegrationRule } from './integrationPoints';
export { gaussLegendre } from './gaussLegendre';
export { parseBaseline, BASELINE_SYNTAX, type BaselineSpec, type BaselineInput } from './BaselineSpec';
export { resolveBaselines, type BaselineRequest } from './resolveBaselines';
export { gaussianBlur } from './gaussianBlur';
export { gradientShap, type GradientShapOptions } from './gradientShap';
