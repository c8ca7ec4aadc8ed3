import { Module } from '@nestjs/common';
import { ShipmentConsumer } from './shipment.consumer';
import { ShipmentController } from './shipment.controller';
import { ShipmentService } from './shipment.service';

@Module({
  controllers: [ShipmentController, ShipmentConsumer],
  providers: [ShipmentService],
  exports: [ShipmentService],
})
export class ShipmentModule {}
