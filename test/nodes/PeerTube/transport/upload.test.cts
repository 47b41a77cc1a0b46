/** The upload engine's protocol readers (pure functions; the engine itself is tested through n8n-core in actions/video/upload.test.cts). */
import {
	chunkSizeFor,
	DEFAULT_CHUNK_SIZE,
	MAX_CHUNK_SIZE,
	receivedFromRange,
	releasePiece,
	skipBytes,
	streamFile,
	uploadIdFromLocation,
} from '../../../../nodes/PeerTube/transport/upload';

describe('upload engine: protocol readers', () => {
	it('reads how many bytes the server has from Range, including uploadx\'s "nothing yet" form', () => {
		expect(receivedFromRange({ range: 'bytes=0-9999' })).toBe(10000);
		expect(receivedFromRange({ range: 'bytes=0--1' })).toBe(0);
		expect(receivedFromRange({})).toBe(0);
		expect(receivedFromRange({ range: 'nonsense' })).toBeUndefined();
	});

	it('reads the upload id from an absolute or protocol-relative Location', () => {
		expect(uploadIdFromLocation('//127.0.0.1:9000/api/v1/videos/upload-resumable?upload_id=af63-2ae2')).toBe('af63-2ae2');
		expect(uploadIdFromLocation('https://videos.example.org/api/v1/videos/upload-resumable?x=1&upload_id=a%2Bb')).toBe('a+b');
		expect(uploadIdFromLocation(undefined)).toBeUndefined();
	});

	it('takes the chunk size from the instance config, clamped, else the default', () => {
		expect(chunkSizeFor({ client: { videos: { resumableUpload: { maxChunkSize: 5 * 1024 * 1024 } } } })).toBe(5 * 1024 * 1024);
		expect(chunkSizeFor({ client: { videos: { resumableUpload: { maxChunkSize: null } } } })).toBe(DEFAULT_CHUNK_SIZE);
		expect(chunkSizeFor({ client: { videos: { resumableUpload: { maxChunkSize: 4 * 1024 * 1024 * 1024 } } } })).toBe(MAX_CHUNK_SIZE);
		expect(chunkSizeFor({})).toBe(DEFAULT_CHUNK_SIZE);
	});

	it('skips to an offset in a stream that cannot seek', async () => {
		async function* pieces() {
			yield Buffer.from('abc');
			yield Buffer.from('defg');
			yield Buffer.from('hij');
		}
		const out: Buffer[] = [];
		for await (const piece of skipBytes(pieces(), 5)) out.push(piece);
		expect(Buffer.concat(out).toString()).toBe('fghij');
	});

	it('frees only a piece that is alone on its memory, and only for streams that own their pieces', () => {
		const detached: number[] = [];
		const withTransfer = (piece: Buffer): Buffer => {
			// Node 20 has no ArrayBuffer.prototype.transfer: a stand-in records the call
			Object.defineProperty(piece.buffer, 'transfer', { value: (length: number) => detached.push(length), configurable: true });
			return piece;
		};
		releasePiece(withTransfer(Buffer.allocUnsafeSlow(4096)));
		expect(detached).toEqual([0]);
		const shared = withTransfer(Buffer.allocUnsafeSlow(4096));
		releasePiece(shared.subarray(0, 1024)); // a slice: the rest of its memory may be in use
		releasePiece(shared.subarray(1024));
		expect(detached).toEqual([0]);
		const pooled = Buffer.from('small'); // on Buffer's shared pool
		expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
		releasePiece(pooled);
		expect(pooled.toString()).toBe('small');

		const open = async () => (async function* () {})();
		expect(streamFile(10, 'a.mp4', 'video/mp4', open, true).release).toBe(releasePiece);
		expect(streamFile(10, 'a.mp4', 'video/mp4', open).release).toBeUndefined();
	});
});
