// cdktf's jest matchers: toHaveResource(WithProperties), toHaveDataSource…, toBeValidTerraform, toPlanSuccessfully.
require('cdktf').Testing.setupJest();

// Short token traces for every synthesis of this spec file (token-traces.ts); errors keep their source-mapped stacks.
require('./token-traces').installTokenTraces();
