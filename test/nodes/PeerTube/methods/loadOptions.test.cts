import { loadOptions } from '../../../helpers/n8n.cjs';
import { credentialData, type Instance, startInstance, storeWith, USER } from '../../../helpers/fixture.cjs';

describe('load options (what the editor lists)', () => {
	let instance: Instance;
	beforeEach(async () => {
		instance = await startInstance();
	});
	afterEach(async () => await instance.server.close());
	const store = () => storeWith(credentialData(instance.server, USER));

	it.each([
		['getCategories', '/api/v1/videos/categories', 'number'],
		['getLicences', '/api/v1/videos/licences', 'number'],
		['getLanguages', '/api/v1/videos/languages', 'string'],
	])('%s lists PeerTube\'s labels, sorted by name', async (method, path, valueType) => {
		const options = await loadOptions(method, store());
		expect(options.length).toBeGreaterThan(2);
		for (const option of options) expect(typeof option.value).toBe(valueType);
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(instance.server.count('GET', path)).toBe(1);
	});

	it('getMyChannels lists only the channels of the credential\'s account', async () => {
		instance.server.addChannel({ name: 'alice_music', displayName: 'Alice plays music', ownerUsername: 'alice' });
		const options = await loadOptions('getMyChannels', store());
		expect(options.map((option) => option.description).sort()).toEqual(['alice_channel', 'alice_music']);
		expect(options.find((option) => option.description === 'alice_music')?.name).toBe('Alice plays music');
		expect(instance.server.count('GET', '/api/v1/users/me')).toBe(1);
	});

	it('a login failure reaches the editor with its message', async () => {
		await expect(loadOptions('getMyChannels', storeWith(credentialData(instance.server, { ...USER, password: 'wrong-pass' })))).rejects.toThrow(
			/wrong username or password/,
		);
	});
});
