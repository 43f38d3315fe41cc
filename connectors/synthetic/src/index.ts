export { streamReports, takeReports, type SyntheticReport, type ScenarioOptions } from './scenario';
export { PLACES, DISTRICT, unitGridCode, type Place } from './places';
export { TOPICS, type Topic } from './topics';
export { Dice } from './dice';
