export * from './postal-partner.topology';
export * from './postal-partner.messages';
export * from './postal-partner.signature';
