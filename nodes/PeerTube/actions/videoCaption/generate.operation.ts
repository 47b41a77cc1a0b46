import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { peerTubeApiRequest } from '../../transport';
import { requireVersion } from '../../transport/version';

const properties: INodeProperties[] = [
	videoIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Force Transcription',
				name: 'forceTranscription',
				type: 'boolean',
				default: false,
				description: 'Whether to transcribe even if PeerTube already transcribed this video (administrators only)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['videoCaption'], operation: ['generate'] } }, properties);

/** What PeerTube's 400 answers to this route mean, by their detail. */
const BAD_REQUESTS: Array<[RegExp, string]> = [
	[
		/transcription is disabled/i,
		'Automatic transcription is disabled on this PeerTube instance: an administrator must enable it (Administration → Configuration → VOD → Transcription), or upload a caption file instead',
	],
	[/already has captions/i, 'This video already has captions: PeerTube only transcribes videos without captions. Delete its captions first, or keep them'],
	[/remote video/i, 'This video comes from another PeerTube instance: only its own instance can transcribe it'],
];

/** PeerTube's refusals of this route, told as what to do. */
function mapGenerateError(ctx: IExecuteFunctions, error: unknown, i: number): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const text = `${error.message}\n${error.description ?? ''}`;
	let message: string | undefined;
	if (error.httpCode === '400') message = BAD_REQUESTS.find(([pattern]) => pattern.test(text))?.[1];
	else if (error.httpCode === '403') {
		message = /force transcription/i.test(text)
			? 'Only administrators can force a transcription: turn off Force Transcription, or use an administrator credential'
			: "PeerTube refused to transcribe this video: the credential's account does not own it (and is not a moderator): use a credential of the video's owner or of a moderator";
	}
	if (!message) return error;
	return new NodeApiError(ctx.getNode(), {} as JsonObject, { message, httpCode: error.httpCode ?? undefined, itemIndex: i });
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { path, notFound, id } = videoPath.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as { forceTranscription?: boolean };
	await requireVersion.call(this, [6, 2, 0], 'Caption generation (automatic transcription)', i);
	try {
		await peerTubeApiRequest.call(this, 'POST', `${path}/captions/generate`, {
			// no body unless forcing: PeerTube's only field
			body: options.forceTranscription === true ? { forceTranscription: true } : undefined,
			itemIndex: i,
			errorMessages: {
				404: notFound,
				409: 'This video is already being transcribed: wait for the transcription job to finish (its caption then appears in Get Many)',
			},
		});
	} catch (error) {
		throw mapGenerateError(this, error, i);
	}
	// PeerTube answers 204 and runs a transcription job; the caption appears when it is done
	return [{ json: { transcriptionRequested: true, videoId: /^\d+$/.test(id) ? Number(id) : id } }];
}
