import { runStandalone } from '@huying/runtime';
import { analyticsService } from './service';

void runStandalone(analyticsService());
