import { runStandalone } from '@huying/runtime';
import { casesService } from './service';

void runStandalone(casesService());
