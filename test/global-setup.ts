// Placeholder replaced once the database test harness lands.
export default async function setup(): Promise<void> {}
