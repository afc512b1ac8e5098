/**
 * The Okabe–Ito categorical palette (Okabe & Ito, "Color Universal Design", 2008): eight colours
 * distinguishable with the common colour-vision deficiencies. Used for curves and class labels.
 */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;
