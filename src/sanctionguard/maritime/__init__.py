"""Maritime and goods screening: vessels, shipments (bills of lading), AIS behaviour, routes.

``identity`` validates IMO/MMSI/call signs, ``registry`` indexes listed vessels and their
listed owners, ``shipments`` reads shipment records, ``rules`` turns them into findings,
``ais``/``detect`` read and analyse positions, ``simulate`` makes tracks with known events.
"""
