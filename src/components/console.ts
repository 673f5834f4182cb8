/**
 * The host console's bundle (`dist/assets/meeting-console.js`), apart from the join bundle so that it
 * does not grow: its tags, declared once here, registered unless already there (as `./define`).
 */
import { MeetingConsoleAccount } from './meeting-console/meeting-console-account.js';
import { MeetingConsoleLive } from './meeting-console/meeting-console-live.js';
import { MeetingConsoleLogin } from './meeting-console/meeting-console-login.js';
import { MeetingConsoleMeetingForm } from './meeting-console/meeting-console-meeting-form.js';
import { MeetingConsoleMeetings } from './meeting-console/meeting-console-meetings.js';
import { MeetingConsoleRooms } from './meeting-console/meeting-console-rooms.js';
import { MeetingConsoleSettings } from './meeting-console/meeting-console-settings.js';
import { MeetingConsoleUsers } from './meeting-console/meeting-console-users.js';
import { MeetingConsole } from './meeting-console/meeting-console.js';

import { addTranslations } from './i18n/localization.js';
import { consoleTemplates } from './i18n/zh-CN-console.js';

addTranslations('zh-CN', consoleTemplates);

export const consoleElements = {
  'meeting-console-account': MeetingConsoleAccount,
  'meeting-console-live': MeetingConsoleLive,
  'meeting-console-login': MeetingConsoleLogin,
  'meeting-console-meeting-form': MeetingConsoleMeetingForm,
  'meeting-console-meetings': MeetingConsoleMeetings,
  'meeting-console-rooms': MeetingConsoleRooms,
  'meeting-console-settings': MeetingConsoleSettings,
  'meeting-console-users': MeetingConsoleUsers,
  'meeting-console': MeetingConsole,
} as const;

for (const [tag, element] of Object.entries(consoleElements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

export { MeetingConsole };
