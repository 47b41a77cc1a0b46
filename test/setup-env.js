// n8n-core reads these at import time: keep it out of $HOME, quiet, and allowed to reach 127.0.0.1.
const os = require('os');
const path = require('path');
const fs = require('fs');
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-peertube-test-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
delete process.env.N8N_SSRF_PROTECTION_ENABLED;
