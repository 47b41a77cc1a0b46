import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** PeerTube's limit on a comment's text (CONSTRAINTS_FIELDS.VIDEO_COMMENTS.TEXT). */
export const COMMENT_TEXT_MAX = 10000;

export const commentTextProperty: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	required: true,
	default: '',
	typeOptions: { rows: 4 },
	description: 'The comment, 1 to 10 000 characters (PeerTube renders Markdown and @mentions)',
};

export function commentIdProperty(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'commentId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description,
	};
}

/** The text of item `i`, checked as PeerTube will check it, so nothing is sent when it would be refused. */
export function readCommentText(this: IExecuteFunctions, i: number): string {
	const text = this.getNodeParameter('text', i, '') as unknown;
	if (typeof text !== 'string' || text.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Text is empty: enter the text of the comment', { itemIndex: i });
	}
	if (text.length > COMMENT_TEXT_MAX) {
		throw new NodeOperationError(
			this.getNode(),
			`Text is ${text.length} characters long; PeerTube accepts at most ${COMMENT_TEXT_MAX}: shorten it`,
			{ itemIndex: i },
		);
	}
	return text;
}

/** A comment or thread id parameter: a whole number of at least 1. */
export function readCommentId(this: IExecuteFunctions, i: number, name = 'commentId', label = 'Comment ID'): number {
	const raw = this.getNodeParameter(name, i, 0) as unknown;
	const id = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
		throw new NodeOperationError(this.getNode(), `${label} must be the numeric ID of a comment (a whole number of at least 1), got "${String(raw)}"`, {
			itemIndex: i,
		});
	}
	return id;
}

export const COMMENTS_DISABLED = 'Comments are disabled on this video: its owner can allow them in the video\'s settings (Comments Policy)';
