import { Module } from '@nestjs/common';
import { ShipmentConsumer } from './shipment.consumer';
import { ShipmentController } from './shipment.controller';
import { ShipmentRepository } from './shipment.repository';
import { ShipmentService } from './shipment.service';

@Module({
  controllers: [ShipmentController, ShipmentConsumer],
  providers: [ShipmentRepository, ShipmentService],
  exports: [ShipmentService, ShipmentRepository],
})
export class ShipmentModule {}
