# Lists the mailboxes of each migration wave (Exchange Online PowerShell).
Connect-ExchangeOnline
# <wave>
Get-MigrationUser -BatchId "Wave 1" | Select-Object Identity, Status
# </wave>
