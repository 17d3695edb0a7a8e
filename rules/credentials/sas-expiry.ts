import { isKnown } from '../../src/model/field.js';
import { formatPath } from '../../src/model/source.js';
import { defineRule } from '../../src/engine/rule.js';
import { findSasTokens } from '../../src/model/facts/index.js';

const DAY = 24 * 60 * 60 * 1000;

export default defineRule({
  id: 'credentials/sas-expiry',
  severity: 'error',
  requirements: ['OU7'],
  targets: ['extension'],
  summary: 'SAS tokens in extension settings must not be expired or about to expire',
  messages: {
    expired:
      'the SAS token in {{where}} expired on {{date}}: the extension cannot download its files, so a reimage, scale-out or automatic upgrade of this resource fails; issue a new token (or use a managed identity) and redeploy',
    expiring:
      'the SAS token in {{where}} expires on {{date}} (in {{days}} days, within the {{horizon}}-day horizon): after that a reimage, scale-out or automatic upgrade of this resource fails; renew it before then (or use a managed identity)',
  },
  check(extension, context) {
    const today = context.options.today.getTime();
    const horizon = context.options.sasHorizonDays;
    for (const field of [extension.settings, extension.protectedSettings]) {
      if (!isKnown(field)) continue;
      for (const token of findSasTokens(field.value, field.path)) {
        const where = formatPath(token.path.slice(extension.propertiesPath.length));
        const expiry = token.expiry.getTime();
        // Only the expiry is ever put into the message: never the URI, its query or its signature.
        const date = token.expiry
          .toISOString()
          .slice(0, token.expiryText.includes('T') ? 16 : 10)
          .replace('T', ' ');
        const time = token.expiryText.includes('T') ? `${date} UTC` : date;
        if (expiry < today) {
          context.report({ path: token.path, messageId: 'expired', data: { where, date: time } });
        } else if (expiry < today + horizon * DAY) {
          context.report({
            path: token.path,
            messageId: 'expiring',
            data: { where, date: time, days: Math.floor((expiry - today) / DAY), horizon },
            severity: 'warning',
          });
        }
      }
    }
  },
});
