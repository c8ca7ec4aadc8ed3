export { PROVINCES_2025, PROVINCE_ALIASES, FORMER_ALIASES, type ProvinceUnit } from './provinces';
export {
  checkProvince,
  checkAddress,
  normalizeProvinceName,
  type ProvinceCheck,
  type AddressCheck,
  type AddressInput,
  type AddressMessage,
} from './check-address';
