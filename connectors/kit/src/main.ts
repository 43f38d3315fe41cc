import { runStandalone } from '@huying/runtime';
import { connectorsService } from './connectorsService';

// The connectors' root fields on their own; the channel services are found through HUYING_SERVICE_URLS.
void runStandalone(connectorsService());
