import { ensure } from '../../scripts/n8n/ensure.cjs';

/** Makes sure the pinned n8n is in the cache; a failure here fails the whole tier with its reason. */
export default async function globalSetup(): Promise<void> {
	await ensure({ quiet: true });
}
