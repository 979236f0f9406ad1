/**
 * /etc/os-release (Ubuntu 24.04's, which DGX OS keeps) and /etc/dgx-release. The dgx-release
 * keys are those of public DGX OS files (DGX_NAME, DGX_PRETTY_NAME, DGX_SWBUILD_*, DGX_OTA_*);
 * the Spark values are SYNTH: factory build 7.2.3 as reported on Sparks, OTA = the box's version.
 */
import type { SimState } from '../../state.js';

export const renderOsRelease = (state: SimState): string => {
  const version = state.box.ubuntuVersion; // '24.04.3 LTS'
  return [
    `PRETTY_NAME="Ubuntu ${version}"`,
    'NAME="Ubuntu"',
    `VERSION_ID="${version.split('.').slice(0, 2).join('.')}"`,
    `VERSION="${version} (Noble Numbat)"`,
    'VERSION_CODENAME=noble',
    'ID=ubuntu',
    'ID_LIKE=debian',
    'HOME_URL="https://www.ubuntu.com/"',
    'SUPPORT_URL="https://help.ubuntu.com/"',
    'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
    'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
    'UBUNTU_CODENAME=noble',
    'LOGO=ubuntu-logo',
    '',
  ].join('\n');
};

const factoryBuild = '7.2.3';

export const renderDgxRelease = (state: SimState): string =>
  [
    'DGX_NAME="DGX Spark"',
    'DGX_PRETTY_NAME="NVIDIA DGX Spark"',
    'DGX_SWBUILD_DATE="2025-09-10-13-50-03"',
    `DGX_SWBUILD_VERSION="${factoryBuild}"`,
    'DGX_COMMIT_ID="833b4a7"',
    'DGX_PLATFORM="DGX Spark"',
    `DGX_SERIAL_NUMBER="${state.box.hostname.toUpperCase().replace(/[^A-Z0-9]/g, '')}0001"`,
    '',
    ...(state.box.dgxOsVersion === factoryBuild ? [] : [`DGX_OTA_VERSION="${state.box.dgxOsVersion}"`, 'DGX_OTA_DATE="Tue 17 Mar 2026 07:12:44 PM UTC"']),
    '',
  ].join('\n');
