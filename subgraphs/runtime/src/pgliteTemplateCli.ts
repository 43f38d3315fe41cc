import { ensurePgliteTemplate, pgliteTemplateDir } from './pgliteTemplate';

// `npm install` runs this (the root package's postinstall): the embedded database's template, made once.
const template = pgliteTemplateDir();
process.stderr.write(`huying: preparing the embedded database's template (${template})…\n`);
ensurePgliteTemplate(template).then(
  ({ made, ms }) => process.stderr.write(made ? `huying: template ready in ${(ms / 1000).toFixed(1)} s\n` : 'huying: template already there\n'),
  (error: unknown) => {
    // Never fail an install over it: without a template, a new data folder is initialised the slow way.
    process.stderr.write(`huying: no template (${error instanceof Error ? error.message : String(error)}); new data folders will take a few seconds longer\n`);
  },
);
