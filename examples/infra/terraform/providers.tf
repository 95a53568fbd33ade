# Every AWS resource of this module is tagged by the provider; Google and Azure resources carry their own.
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      team = "ml-platform"
    }
  }
}

provider "google" {
  project = "ml-platform-prod"
  region  = "us-central1"
}

provider "azurerm" {
  features {}
}

locals {
  name = "assistant"
  tags = {
    Blueprint = local.name
  }
}
