import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The caption language: PeerTube's language list (the same codes as a video's language). */
export const languageProperty: INodeProperties = {
	displayName: 'Language Name or ID',
	name: 'language',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLanguages' },
	required: true,
	default: '',
	hint: 'The language of the caption; an expression gives a code such as en, fr or pt-br',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/** The language code the user chose, checked like PeerTube's language codes. */
export function readLanguage(this: IExecuteFunctions, i: number): string {
	const language = String(this.getNodeParameter('language', i, '') ?? '').trim();
	if (language === '') {
		throw new NodeOperationError(this.getNode(), 'Language is empty: choose the language of the caption (a code such as en or fr)', { itemIndex: i });
	}
	if (!/^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$/.test(language)) {
		throw new NodeOperationError(this.getNode(), `Language "${language}" is not a language code such as en, fr or pt-br`, { itemIndex: i });
	}
	return language;
}

/** 404 message for caption routes: the video is missing (or, for Delete, the caption). */
export function videoNotFound(raw: string): string {
	return `There is no video "${raw}" on this PeerTube instance: check Video`;
}
