import { runStandalone } from '@huying/runtime';
import { dispatchService } from './service';

void runStandalone(dispatchService());
