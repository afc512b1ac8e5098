export { readCsv } from './csv/readCsv';
