export { emailText } from './emailText';
export { WordTokenizer, PAD, CLS, UNK, type WordTokenizerJSON } from './WordTokenizer';
export { loadSpamAssassin, CLASS_NAMES, type Email } from './spamAssassin';
export { buildClassifier, DEFAULT_CONFIG, type ClassifierConfig } from './buildClassifier';
export { loadSpamClassifier, MODEL_DIR } from './loadSpamClassifier';
export { explainMessage, type MessageExplanation, type MethodResult } from './explainMessage';
export { reportHtml, skipSpecial } from './reportHtml';
