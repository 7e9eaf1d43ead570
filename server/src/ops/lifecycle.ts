/**
 * Whether this process is on its way out. A load balancer reads /api/health/ready: once draining starts it answers 503,
 * so no new request is sent here while the ones in flight finish (serve.ts waits DRAIN_MS before closing HTTP).
 */
export const lifecycle = { draining: false };
