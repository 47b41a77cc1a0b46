import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { videoIdProperty, videoPath } from '../../helpers/descriptions';
import { videoOutput, videoSimplifyProperty } from '../../helpers/simplify';
import { peerTubeApiRequest } from '../../transport';
import { chunkSizeFor, resumableUpload } from '../../transport/upload';
import { requireVersion } from '../../transport/version';
import { binaryPropertyProperty, checkExtension, checkQuota, inputVideoFile, readBackVideo, waitOptions } from './upload.operation';

const properties: INodeProperties[] = [videoIdProperty, binaryPropertyProperty, waitOptions, videoSimplifyProperty('video')];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['replaceFile'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const fail = (message: string): never => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: i });
	};
	const { path, notFound } = videoPath.call(this, i);
	const { file } = await inputVideoFile.call(this, i, fail);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const info = await requireVersion.call(this, [6, 0, 0], 'Replacing the file of a video', i);
	// the public config says whether the administrator allows it (`video_file.update.enabled`)
	const enabled = ((info.config.videoFile as IDataObject | undefined)?.update as IDataObject | undefined)?.enabled;
	if (enabled === false) {
		fail(
			"This PeerTube instance does not allow replacing the file of a video (the administrator disabled video_file.update): upload it as a new video instead, or ask the administrator to enable it",
		);
	}
	checkExtension(info.config, file, fail);
	// the video must exist (and be readable) before a byte is sent
	const video = await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i, errorMessages: { 404: notFound } });
	const me = await peerTubeApiRequest.call(this, 'GET', '/users/me', { itemIndex: i });
	await checkQuota.call(this, me, file, i, fail);

	const fileUpdatedBefore = video.inputFileUpdatedAt ?? null;
	const id = String(video.uuid ?? video.id);
	await resumableUpload.call(this, {
		endpoint: `/videos/${encodeURIComponent(id)}/source/replace-resumable`,
		file,
		chunkSize: chunkSizeFor(info.config),
		metadata: { filename: file.fileName },
		itemIndex: i,
		initErrorMessages: {
			403: "PeerTube refused to replace the file: the administrator disabled replacing video files, or the credential's account does not own this video. Use a credential of the video's owner, or upload the file as a new video",
			404: notFound,
			409: 'PeerTube cannot replace the file right now: the video is still being transcoded or edited. Retry later (e.g. with Wait Until Published on the step that created it)',
		},
		recoverAfterLostAnswer: async () => {
			// only a replacement made by this upload counts: the video's input file date moved (a
			// refused last chunk whose answer was lost leaves it, and the old source, as they were)
			const now = await peerTubeApiRequest.call(this, 'GET', path, { itemIndex: i });
			if ((now.inputFileUpdatedAt ?? null) === fileUpdatedBefore) return undefined;
			return await peerTubeApiRequest.call(this, 'GET', `${path}/source`, { itemIndex: i });
		},
	});
	const result = await readBackVideo.call(this, id, i, options);
	const [output] = await videoOutput.call(this, i, [result]);
	return [{ json: output }];
}
