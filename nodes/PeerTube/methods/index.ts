import { searchChannels, searchMyChannels } from './channelSearch';
import { searchMyPlaylists } from './playlistSearch';
import { searchVideos } from './videoSearch';

export * as loadOptions from './loadOptions';

/** Searchable lists of the resource locators (one file per resource, e.g. videoSearch.ts). */
export const listSearch = { searchVideos, searchChannels, searchMyChannels, searchMyPlaylists };
