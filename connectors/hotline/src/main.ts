import { runStandalone } from '@huying/runtime';
import { hotlineService } from './service';

// A deployment runs this channel's connector on its own: its source is HUYING_<CHANNEL>_URL (see config.ts).
void runStandalone(hotlineService());
