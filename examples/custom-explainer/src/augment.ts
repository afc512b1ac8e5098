export {};

/**
 * What this plugin adds to Glassbox's open registries, by module augmentation: a capability
 * (`feature-groups`: the model says which input features belong together, e.g. the columns of a
 * one-hot encoded category), an explanation kind (`group-attribution`: one value per feature
 * group) and an error code (`FEATURE_GROUPS_INVALID`). Importing anything from this package brings
 * the augmentation into scope.
 */
declare module '@glassbox/core' {
  interface ModelCapabilities {
    'feature-groups': {
      /** Flat input indices per group; every index in at most one group. */
      featureGroups(): readonly (readonly number[])[];
      /** Optional display names, one per group. */
      readonly featureGroupNames?: readonly string[];
    };
  }
  interface ExplanationKinds {
    'group-attribution': true;
  }
  interface GlassboxErrorCodes {
    FEATURE_GROUPS_INVALID: true;
  }
}

