import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { peerTubeLogin } from './peerTubeLogin';
import { sharedLogin } from './sharedLogin';

export class PeerTubeApi implements ICredentialType {
	name = 'peerTubeApi';

	displayName = 'PeerTube API';

	icon: Icon = { light: 'file:../icons/peertube.svg', dark: 'file:../icons/peertube.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-peertube/n8n-nodes-peertube#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://videos.example.org',
			description: 'Address of the PeerTube instance. A pasted video page or /api/v1 address works too.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'PeerTube username or email address',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Two-Factor Secret',
			name: 'twoFactorSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for accounts with two-factor authentication: the base32 secret PeerTube showed when 2FA was enabled (not a 6-digit code). n8n computes the current code at each login.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Leave empty: the instance\'s own OAuth client is used. Fill in only when the instance refuses to give it out (it is reached under another host name); read it from /api/v1/oauth-clients/local in a browser on the instance\'s own address.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty unless Client ID is filled in',
		},
		// Written by the login (preAuthentication) and kept encrypted by n8n, so that a token is
		// reused across executions: PeerTube allows only 15 logins per 5 minutes.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'OAuth Client ID',
			name: 'oauthClientId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'OAuth Client Secret',
			name: 'oauthClientSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session For',
			name: 'sessionFor',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// concurrent executions of one process share one login (see sharedLogin)
		return await sharedLogin(credentials, async () => await peerTubeLogin(this, credentials));
	}

	// A function rather than a generic expression: it runs for every request, and n8n would
	// evaluate the expression each time (about a third of a millisecond per request, measured).
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	// The login itself runs first (n8n always pre-authenticates a credential under test);
	// /users/me then proves the token is accepted. The base is the origin of the URL entered.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.instanceUrl.trim().split("/").slice(0, 3).join("/") }}',
			url: '/api/v1/users/me',
		},
	};
}
