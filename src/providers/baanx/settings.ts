// GET /v1/auth/settings: the countries and US states registration accepts, and the legal links.
import { readFixture } from '../../engine/index.js';

// The one list registration checks countryOfResidence, countryOfNationality and usState against,
// so what a client offers from the settings is exactly what the sandbox accepts.

export interface SettingsCountry {
  id: string;
  name: string;
  iso3166alpha2: string;
  callingCode: string;
  canSignUp: boolean;
}

export interface SettingsUsState {
  id: string;
  name: string;
  postalAbbreviation: string;
  canSignUp: boolean;
}

interface SettingsFixture {
  countries: SettingsCountry[];
  usStates: SettingsUsState[];
  links: Record<string, Record<string, string>>;
  config: Record<string, Record<string, string>>;
}

const SETTINGS = readFixture<SettingsFixture>('baanx', 'settings.json');
const COUNTRIES = new Map(SETTINGS.countries.map((c) => [c.iso3166alpha2, c]));

/** The documented answer: every sandbox client has both regions, so x-us-env changes nothing. */
export const settingsView = () => ({
  countries: SETTINGS.countries,
  usStates: SETTINGS.usStates,
  links: SETTINGS.links,
  config: SETTINGS.config,
});

/** The settings' country with this ISO 3166-1 alpha-2 code, if it is listed. */
export const countryOf = (code: string) => COUNTRIES.get(code);
