from bmc_tui.cli import main

main()
