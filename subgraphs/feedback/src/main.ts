import { runStandalone } from '@huying/runtime';
import { feedbackService } from './service';

void runStandalone(feedbackService());
