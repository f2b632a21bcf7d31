/** Shared by the global setup (which builds the template) and the tests. */
export const TEMPLATE_DB = 'wangge_template';
export const TEST_DEMO_SCALE = 0.01; // ≈3,000 residents: fast, still every grid populated
export const TEST_DEMO_PASSWORD = 'test-demo-password';
export const TEST_KEY = Buffer.alloc(32, 0x5a);
