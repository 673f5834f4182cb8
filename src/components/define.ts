/** `meeting-room/define`: registers every `<meeting-*>` tag (a tag already defined is left as it is). */
import { defineElements } from './elements.js';

defineElements();
