import { createHmac } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
	// Authenticator apps display secrets grouped, lower-cased or padded: accept all of those.
	const clean = input.toUpperCase().replace(/[\s=-]/g, '');
	const out: number[] = [];
	let bits = 0;
	let value = 0;
	for (const ch of clean) {
		const idx = BASE32_ALPHABET.indexOf(ch);
		if (idx < 0) throw new Error(`Invalid base32 character: ${ch}`);
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

export function base32Encode(buf: Buffer): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of buf) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

function hotp(key: Buffer, counter: number): string {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac('sha1', key).update(msg).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return code.toString().padStart(6, '0');
}

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s steps), as PeerTube's two-factor login. `time` is in milliseconds (Date.now() by default). */
export function totp(secretBase32: string, time: number = Date.now()): string {
	return hotp(base32Decode(secretBase32), Math.floor(time / 1000 / 30));
}

/** PeerTube accepts the current code and one step either side (clock drift). */
export function verifyTotp(secretBase32: string, code: string, time: number = Date.now()): boolean {
	const key = base32Decode(secretBase32);
	const step = Math.floor(time / 1000 / 30);
	const given = code.trim();
	for (const delta of [0, -1, 1]) {
		if (hotp(key, step + delta) === given) return true;
	}
	return false;
}
