export { createTestDatabase, ingestInTransaction, type IngestedAndRemapped, type TestDatabase, type TestDatabaseOptions } from './test-database.js'
export { executeOperation, startTestServer, type ExecutionResultOf, type OperationOptions, type TestServer } from './test-server.js'
