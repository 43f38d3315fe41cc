/**
 * `@huying/connector-kit/testing`: what a channel's tests use and production never loads — a harness that
 * wires a connector to a real cases subgraph, and the contract every channel must pass.
 */
export { startConnectorHarness, resetSchemas, TEST_INTAKE, type ConnectorHarness, type ReportAnswer } from './harness';
export { describeConnectorContract, FlakyIntake, CONTRACT_START, type ConnectorContractSpec } from './contract';
