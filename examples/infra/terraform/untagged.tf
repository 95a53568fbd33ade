# missing-cost-tags: an A100 VM nobody can attribute: no `team` tag, and Azure has no provider default tags.
resource "azurerm_linux_virtual_machine" "notebook" {
  name                = "research-notebook"
  resource_group_name = "ml-research"
  location            = "eastus"
  size                = "Standard_NC24ads_A100_v4"
  admin_username      = "researcher"
  network_interface_ids = [
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-research/providers/Microsoft.Network/networkInterfaces/notebook",
  ]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "microsoft-dsvm"
    offer     = "ubuntu-hpc"
    sku       = "2204"
    version   = "latest"
  }
}
