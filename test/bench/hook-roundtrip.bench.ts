export async function benchHookRoundTrip() {}
