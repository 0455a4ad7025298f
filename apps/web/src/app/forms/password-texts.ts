import ar from '../i18n/passwords/ar.json';
import en from '../i18n/passwords/en.json';
import fr from '../i18n/passwords/fr.json';
import { i18n } from '../i18n/i18n';

/**
 * The texts of password fields (the reasons a password is refused, the change-password form), in
 * their own i18next namespace. They ship with the screens that ask for a password, not with the
 * app's first load; the three languages are small enough to come together.
 */
for (const [language, catalogue] of Object.entries({ en, fr, ar }))
  i18n.addResourceBundle(language, 'passwords', catalogue, true, false);
