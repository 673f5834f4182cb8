import { createContext } from '@lit/context';
import type { MeetingController } from '../client/meeting-controller.js';
import type { MeetingSnapshot } from '../client/snapshot.js';
import type { Strings } from './i18n/localization.js';

/** The controller, for actions. Provided by `<meeting-room>`. */
export const controllerContext = createContext<MeetingController | undefined>(Symbol('meeting-controller'));

/** The current snapshot, for reading. Provided by `<meeting-room>`, replaced on every change. */
export const snapshotContext = createContext<MeetingSnapshot | undefined>(Symbol('meeting-snapshot'));

/** The texts (language and replacements) of the elements inside. Provided by `<meeting-room>`. */
export const stringsContext = createContext<Strings | undefined>(Symbol('meeting-strings'));
