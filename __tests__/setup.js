// cdktf's jest matchers: toHaveResource(WithProperties), toHaveDataSource…, toBeValidTerraform, toPlanSuccessfully.
require('cdktf').Testing.setupJest();
