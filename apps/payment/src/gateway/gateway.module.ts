import { Global, Module } from '@nestjs/common';
import { GatewayRegistry } from './gateway.registry';
import { VnpayGateway } from './vnpay/vnpay.gateway';

@Global()
@Module({ providers: [VnpayGateway, GatewayRegistry], exports: [VnpayGateway, GatewayRegistry] })
export class GatewayModule {}
