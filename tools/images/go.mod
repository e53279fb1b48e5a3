// The images Bulwark builds itself, with no registry: the pod sandbox's pause program, the probe
// test workload, and ocibuild, which writes their OCI archives reproducibly. Standard library
// only. Used by tools/build-images.sh; nothing in Bulwark imports it.
module local.bulwark/tools/images

go 1.26.0
