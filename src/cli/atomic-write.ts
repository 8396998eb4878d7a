/**
 * Atomic writes (temp file + rename) for the files commands write for the
 * learner (`quiz --out`, `flow --transcript`): a file is either whole or not
 * there. Imported only when such a file is written. A static re-export gives
 * the CommonJS module's function its types, so no caller casts the import.
 */
export { default as writeFileAtomic } from 'write-file-atomic';
