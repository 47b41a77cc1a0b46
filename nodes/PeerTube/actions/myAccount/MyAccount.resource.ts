import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getNotifications from './getNotifications.operation';
import * as getSubscriptions from './getSubscriptions.operation';
import * as markNotificationsAsRead from './markNotificationsAsRead.operation';
import * as subscribe from './subscribe.operation';
import * as unsubscribe from './unsubscribe.operation';

export { get, getNotifications, getSubscriptions, markNotificationsAsRead, subscribe, unsubscribe };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myAccount'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the credential\'s account: user settings, role, channels and video quota used',
				action: 'Get my account',
			},
			{
				name: 'Get Notifications',
				value: 'getNotifications',
				description: 'List the account\'s notifications',
				action: 'Get my notifications',
			},
			{
				name: 'Get Subscriptions',
				value: 'getSubscriptions',
				description: 'List the channels the account is subscribed to',
				action: 'Get my subscriptions',
			},
			{
				name: 'Mark Notifications as Read',
				value: 'markNotificationsAsRead',
				description: 'Mark some or all notifications as read',
				action: 'Mark my notifications as read',
			},
			{
				name: 'Subscribe',
				value: 'subscribe',
				description: 'Subscribe to a channel of this or another instance',
				action: 'Subscribe to channel',
			},
			{
				name: 'Unsubscribe',
				value: 'unsubscribe',
				description: 'Unsubscribe from a channel',
				action: 'Unsubscribe from channel',
			},
		],
		default: 'get',
	},
	...get.description,
	...getNotifications.description,
	...getSubscriptions.description,
	...markNotificationsAsRead.description,
	...subscribe.description,
	...unsubscribe.description,
];
