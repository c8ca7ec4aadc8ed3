import { Controller, Get, Query } from '@nestjs/common';
import { FindShipmentsQuery } from './dto/find-shipments.query';
import { ShipmentService, ShipmentView } from './shipment.service';

@Controller('v1/shipments')
export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}

  @Get()
  find(@Query() query: FindShipmentsQuery): Promise<ShipmentView[]> {
    return this.shipments.findByDossier(query.dossier);
  }
}
