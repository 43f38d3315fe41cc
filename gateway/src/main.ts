import { runEmbeddedHub } from './embedded';

/** The embedded hub run from its sources (`tsx gateway/src/main.ts`); `npm start` runs the compiled bundle of the same. */
void runEmbeddedHub().catch((error) => {
  console.error(error);
  process.exit(1);
});
